// The AWS connection of the deploy, diff, status, outputs, destroy and bootstrap commands.
import { UsageError } from '../core/errors.js';
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

/** --region must look like one (eu-west-1): a typo is a usage error (exit 2), not a host name that does not resolve. */
export function checkRegionFlag(region: string | undefined): void {
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-[0-9]$/.test(region)) throw new UsageError(`--region "${region}" is not an AWS region.`, 'e.g. --region eu-west-1 or --region us-east-1');
}

export async function connect(flags: AwsFlags, appRegion?: string): Promise<AwsApi> {
  checkRegionFlag(flags.region);
  const { createAwsApi } = await import('./aws.js');
  return createAwsApi({ region: chooseRegion(flags.region, appRegion), profile: flags.profile, endpoint: flags.endpointUrl });
}
