/** Discord ids: milliseconds since 2015 shifted left 22 bits, plus a counter. */
const DISCORD_EPOCH = 1420070400000n;
let counter = 0n;

export function snowflake(at = Date.now()): string {
  counter = (counter + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | counter).toString();
}

/** The shard a guild's events go to: (guild_id >> 22) % shard_count, as Discord routes them. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A guild id that Discord would route to `shard` of `count`. */
export function guildIdForShard(shard: number, count: number): string {
  for (let at = Date.now() - 86_400_000; ; at++) {
    const id = snowflake(at);
    if (shardOf(id, count) === shard) return id;
  }
}
