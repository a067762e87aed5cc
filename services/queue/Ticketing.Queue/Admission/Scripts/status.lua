-- Where a user stands, read in one consistent step.
-- KEYS: 1 waiting (ZSET), 2 active (ZSET user -> admitted-until ms)
-- ARGV: 1 user, 2 now ms
-- A shopper whose window ended is no longer active, even before the admission step removes them.
-- Returns {"active", admitted-until ms} | {"waiting", position (1-based)} | {"none"}
local until_ms = tonumber(redis.call('ZSCORE', KEYS[2], ARGV[1]) or '0')
if until_ms > tonumber(ARGV[2]) then
  return { 'active', tostring(until_ms) }
end
local rank = redis.call('ZRANK', KEYS[1], ARGV[1])
if not rank then
  return { 'none' }
end
return { 'waiting', rank + 1 }
