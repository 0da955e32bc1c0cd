-- AlterEnum
ALTER TYPE "voice"."VoiceCrmLog" ADD VALUE 'recording_pending';
