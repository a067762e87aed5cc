-- Where a user stands, read in one consistent step, with what the wait estimate needs.
-- KEYS: 1 waiting (ZSET), 2 active (ZSET user -> admitted-until ms), 3 admissions (ZSET user -> admitted-at ms)
-- ARGV: 1 user, 2 now ms, 3 start of the admission-rate window ms
-- A shopper whose window ended is no longer active, even before the admission step removes them.
-- Returns {"active", admitted-until ms} | {"none"}
--       | {"waiting", position (1-based), 0, admissions in the rate window, oldest of them ms or 0}
-- (the waiting answer has join.lua's shape, so one parser reads both).
local until_ms = tonumber(redis.call('ZSCORE', KEYS[2], ARGV[1]) or '0')
if until_ms > tonumber(ARGV[2]) then
  return { 'active', tostring(until_ms) }
end
local rank = redis.call('ZRANK', KEYS[1], ARGV[1])
if not rank then
  return { 'none' }
end
local oldest = redis.call('ZRANGEBYSCORE', KEYS[3], ARGV[3], ARGV[2], 'WITHSCORES', 'LIMIT', 0, 1)
return { 'waiting', rank + 1, 0, redis.call('ZCOUNT', KEYS[3], ARGV[3], ARGV[2]), tonumber(oldest[2] or '0') }
