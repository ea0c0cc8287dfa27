// Where a request's subnets go: both in one availability zone, chosen from what the region offers
// (never a hard-coded "<region>a", which some accounts do not have), the same zone on every retry.
import { DescribeAvailabilityZonesCommand, type EC2Client } from "@aws-sdk/client-ec2";

export async function chooseAvailabilityZone(ec2: Pick<EC2Client, "send">): Promise<string> {
  const { AvailabilityZones: zones = [] } = await ec2.send(
    new DescribeAvailabilityZonesCommand({
      Filters: [
        { Name: "state", Values: ["available"] },
        { Name: "zone-type", Values: ["availability-zone"] },
      ],
    }),
  );
  const names = zones.flatMap((zone) => (zone.ZoneName ? [zone.ZoneName] : [])).sort();
  const zone = names[0];
  if (!zone) throw new Error("DescribeAvailabilityZones returned no available zone in this region.");
  return zone;
}
