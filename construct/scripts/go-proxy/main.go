// Command go-proxy writes one Go module version into a GOPROXY=file:// directory, the layout the
// module proxy protocol defines (<module>/@v/list, <version>.info, .mod, .zip), so the language
// test's Go app gets the construct with `go get <module>@<version>` as a user does, not through
// a `replace` of a source folder. The zip is made by golang.org/x/mod/zip, the code the go command
// uses itself, so a file the module proxy would refuse (a vendor/ folder, a nested module, a name
// that differs only in case, an over-large file) fails here too.
//
// Usage: go run . -module github.com/x/y/z -version v1.2.3 -dir path/to/module -out path/to/proxy
package main

import (
	"encoding/json"
	"flag"
	"log"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

func main() {
	modulePath := flag.String("module", "", "module path, as in the module's go.mod")
	version := flag.String("version", "", "semantic version with its v prefix")
	dir := flag.String("dir", "", "the module's folder (holds go.mod)")
	out := flag.String("out", "", "the proxy folder to write into")
	flag.Parse()
	if err := module.Check(*modulePath, *version); err != nil {
		log.Fatalf("go-proxy: %v", err)
	}
	escaped, err := module.EscapePath(*modulePath)
	if err != nil {
		log.Fatalf("go-proxy: %v", err)
	}
	versionDir := filepath.Join(*out, escaped, "@v")
	if err := os.MkdirAll(versionDir, 0o755); err != nil {
		log.Fatalf("go-proxy: %v", err)
	}
	base := filepath.Join(versionDir, *version)
	goMod, err := os.ReadFile(filepath.Join(*dir, "go.mod"))
	if err != nil {
		log.Fatalf("go-proxy: %v", err)
	}
	info, _ := json.Marshal(map[string]string{"Version": *version, "Time": time.Now().UTC().Format(time.RFC3339)})
	zipFile, err := os.Create(base + ".zip")
	if err != nil {
		log.Fatalf("go-proxy: %v", err)
	}
	defer zipFile.Close()
	if err := modzip.CreateFromDir(zipFile, module.Version{Path: *modulePath, Version: *version}, *dir); err != nil {
		log.Fatalf("go-proxy: %v", err)
	}
	for name, content := range map[string][]byte{
		base + ".mod":                     goMod,
		base + ".info":                    info,
		filepath.Join(versionDir, "list"): []byte(*version + "\n"),
	} {
		if err := os.WriteFile(name, content, 0o644); err != nil {
			log.Fatalf("go-proxy: %v", err)
		}
	}
}
