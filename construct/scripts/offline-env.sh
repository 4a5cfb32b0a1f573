#!/usr/bin/env bash
# Runs a command with the flags that keep CDK, jsii and integ-runner off the network.
# Why: these machines reach only the npm registry. Without these, the CDK CLI checks for new
# versions, notices and sends telemetry; jsii fetches a support file; integ-runner and the AWS SDK
# walk the credential chain to the EC2 metadata address. Synth and snapshot checks need none of it.
set -euo pipefail
export CI=true
export CDK_DISABLE_CLI_TELEMETRY=1
export CDK_DISABLE_VERSION_CHECK=1
export JSII_SILENCE_SUPPORT_WARNING=1
export AWS_EC2_METADATA_DISABLED=true
# aws-cdk-lib 2.257's own TableV2 uses deprecated TableGrantsProps fields internally and warns on
# every table; the noise hides real output. Our code's own deprecations are caught by jsii's build.
export JSII_DEPRECATED=quiet
export AWS_REGION="${AWS_REGION:-us-east-1}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-$AWS_REGION}"
# No credentials at all, and no place to find them: nothing here deploys. Not fake ones either:
# given any credentials, `cdk synth` asks STS for the account (a DNS lookup and a call out);
# given none, it skips that. IMDS is disabled above, so the chain ends without a request.
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE AWS_WEB_IDENTITY_TOKEN_FILE \
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI
export AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_CONFIG_FILE=/dev/null
exec "$@"
