import { describe, expect, it } from "vitest";
import { checksFor } from "./iam";
import { emptyRegion } from "./model";
import { Params } from "./protocol/query";

const params = (body: Record<string, string>) => Params.fromForm(new URLSearchParams(body).toString());

describe("what EC2 authorizes a call on", () => {
  it("a create: the new resource with the request's tags, and CreateTags with ec2:CreateAction", () => {
    const checks = checksFor(
      "CreateVpc",
      params({
        CidrBlock: "10.0.0.0/16",
        "TagSpecification.1.ResourceType": "vpc",
        "TagSpecification.1.Tag.1.Key": "portal:request-id",
        "TagSpecification.1.Tag.1.Value": "r-1",
      }),
      emptyRegion(),
      "eu-west-1",
    );
    expect(checks).toEqual([
      {
        action: "ec2:CreateVpc",
        resource: "arn:aws:ec2:eu-west-1:123456789012:vpc/*",
        context: { "aws:RequestTag/portal:request-id": "r-1", "aws:TagKeys": ["portal:request-id"] },
      },
      {
        action: "ec2:CreateTags",
        resource: "arn:aws:ec2:eu-west-1:123456789012:vpc/*",
        context: {
          "aws:RequestTag/portal:request-id": "r-1",
          "aws:TagKeys": ["portal:request-id"],
          "ec2:CreateAction": "CreateVpc",
        },
      },
    ]);
  });

  it("a change: each existing resource it names, with that resource's tags", () => {
    const region = emptyRegion();
    region.vpcs["vpc-1"] = {
      id: "vpc-1",
      cidrBlock: "10.0.0.0/16",
      cidrAssociationId: "a",
      dhcpOptionsId: "d",
      instanceTenancy: "default",
      tags: { "portal:request-id": "r-1" },
      createdAt: 0,
    };
    expect(checksFor("DeleteVpc", params({ VpcId: "vpc-1" }), region, "eu-west-1")).toEqual([
      {
        action: "ec2:DeleteVpc",
        resource: "arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-1",
        context: { "aws:ResourceTag/portal:request-id": "r-1" },
      },
    ]);
    // A resource that does not exist is left to the handler, which answers NotFound.
    expect(checksFor("DeleteVpc", params({ VpcId: "vpc-2" }), region, "eu-west-1")).toEqual([]);
  });

  it("a describe: on *", () => {
    expect(checksFor("DescribeVpcs", params({}), emptyRegion(), "eu-west-1")).toEqual([
      { action: "ec2:DescribeVpcs", resource: "*", context: {} },
    ]);
  });
});
