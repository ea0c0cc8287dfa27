-- One webhook delivery in flight per organization (issue 10's fairness, made exact): pg-boss's
-- groupConcurrency is a NOT EXISTS inside each fetch, and two fetches at the same time under READ
-- COMMITTED each see no active job of the organization and both take one. The lease row is taken
-- with INSERT … ON CONFLICT DO UPDATE … WHERE, which the row lock makes atomic.
CREATE TABLE "WebhookLease" (
    "organizationId" UUID NOT NULL,
    "deliveryId" UUID NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookLease_pkey" PRIMARY KEY ("organizationId")
);

ALTER TABLE "WebhookLease" ADD CONSTRAINT "WebhookLease_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
