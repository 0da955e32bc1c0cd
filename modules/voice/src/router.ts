import { router } from '@suite/hub-auth';
import { callRouter } from './calls/call.router';
import { recordingRouter } from './recordings/recording.router';
import { settingRouter } from './settings/setting.router';

/** Voice's staff procedures, served at /voice/trpc (Hub session + permission). */
export const voiceAppRouter = router({
  calls: callRouter,
  recordings: recordingRouter,
  settings: settingRouter,
});
