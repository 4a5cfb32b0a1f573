module example.com/ddblockgoproxy

go 1.25.0

require golang.org/x/mod v0.39.0
