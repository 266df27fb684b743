import type { Platform, Reply } from './types.js';

/** Posts a reply to a channel of one platform, outside any request (the advisors' digest). */
export type ChannelPost = (channel: string, reply: Reply) => Promise<void>;

/**
 * Each platform that starts registers how to post to its channels; scheduled jobs look the
 * platform up here. A job for a platform this process does not run is skipped.
 */
export class Notifiers {
  private readonly posts = new Map<Platform, ChannelPost>();

  register(platform: Platform, post: ChannelPost): void {
    this.posts.set(platform, post);
  }

  get(platform: string): ChannelPost | undefined {
    return this.posts.get(platform as Platform);
  }
}
