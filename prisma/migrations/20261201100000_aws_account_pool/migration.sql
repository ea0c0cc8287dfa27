-- AlterTable
ALTER TABLE "VpnRequest" ADD COLUMN     "awsAccountId" UUID,
ADD COLUMN     "capacityWaitReason" TEXT,
ADD COLUMN     "capacityWaitingSince" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AwsAccount" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "roleArn" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "regions" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AwsAccount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AwsAccount_name_key" ON "AwsAccount"("name");

-- CreateIndex
CREATE UNIQUE INDEX "AwsAccount_roleArn_key" ON "AwsAccount"("roleArn");

-- CreateIndex
CREATE INDEX "VpnRequest_awsAccountId_region_status_idx" ON "VpnRequest"("awsAccountId", "region", "status");

-- AddForeignKey
ALTER TABLE "VpnRequest" ADD CONSTRAINT "VpnRequest_awsAccountId_fkey" FOREIGN KEY ("awsAccountId") REFERENCES "AwsAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;
