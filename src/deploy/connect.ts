// The AWS connection of the deploy, diff, status, outputs, destroy and bootstrap commands.
import type { AwsApi } from './api.js';

export interface AwsFlags {
  region?: string;
  profile?: string;
  endpointUrl?: string;
}

/** Region precedence: --region, then the app's own region, then AWS_REGION / AWS_DEFAULT_REGION, then the profile. */
export function chooseRegion(flag: string | undefined, appRegion: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return flag || appRegion || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

export async function connect(flags: AwsFlags, appRegion?: string): Promise<AwsApi> {
  const { createAwsApi } = await import('./aws.js');
  return createAwsApi({ region: chooseRegion(flags.region, appRegion), profile: flags.profile, endpoint: flags.endpointUrl });
}
