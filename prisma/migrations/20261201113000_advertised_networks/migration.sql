-- AlterEnum
ALTER TYPE "VpnChangeKind" ADD VALUE 'NETWORKS';
