"""template.yaml as CloudFormation will deploy it, through AWS's own SAM translator.

`sam deploy` hands the template to CloudFormation, where the AWS::Serverless-2016-10-31
transform (aws-sam-translator) turns each function into a Lambda function, its execution
role (policy templates expanded, AWSLambdaBasicExecutionRole attached), its event source
mappings and its API routes. The local run reads the roles from this output, so they are
exactly the ones a deployment creates.

The translator wants an `s3://` CodeUri for every function (the local template builds
its jars with `BuildMethod: makefile`): each is replaced by a placeholder first. It needs a
region to expand pseudo parameters; the local stack's region is used.

Usage: sam_translate.py <template.yaml>   (CloudFormation JSON on stdout)
"""
import json
import os
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

PLACEHOLDER_CODE = "s3://groupgate-local-placeholder/code.zip"


class NoManagedPolicies:
    """Policies name no managed policy by its short name, so there is nothing to look up."""

    def load(self):
        return {}


def main():
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    with open(sys.argv[1], encoding="utf-8") as f:
        template = yaml_parse(f.read())
    for resource in template.get("Resources", {}).values():
        if resource.get("Type") == "AWS::Serverless::Function":
            resource.setdefault("Properties", {})["CodeUri"] = PLACEHOLDER_CODE
    json.dump(transform(template, {}, NoManagedPolicies()), sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
