-- Puts a user in the event's waiting room, once, and lets them straight in when nobody waits and
-- a slot is free: the whole join in one round trip.
-- KEYS: 1 waiting (ZSET user -> place score), 2 active (ZSET user -> admitted-until ms), 3 sequence (counter),
--       4 admissions (ZSET user -> admitted-at ms)
-- ARGV: 1 user, 2 now ms, 3 opened ("1" once the on-sale has opened), 4 random score in [0, 1),
--       5 may admit ("1" when open and not sold out), 6 max concurrent shoppers, 7 shopping window ms,
--       8 start of the admission-rate window ms
-- Atomic rule: one place per account; joining again keeps the first place. Before the opening a
-- join gets a random score below 1 (a random place when it opens, so refreshing at the right
-- millisecond wins nothing); after it, the next value of the event's counter (>= 1, so first come
-- first served, behind everybody who waited for the opening). A join is admitted at once only when
-- nobody is waiting (nobody is passed) and the active set, lapsed windows included, is below the
-- cap (so this never exceeds the cap admit.lua keeps).
-- Returns {"active", admitted-until ms} | {"admitted", admitted-until ms, first}
--       | {"waiting", position (1-based), first, admissions in the rate window, oldest of them ms or 0}
-- where first is 1 when the room was empty before this join (the caller lists the event for the admission loop).
local now = tonumber(ARGV[2])
local until_ms = tonumber(redis.call('ZSCORE', KEYS[2], ARGV[1]) or '0')
if until_ms > now then
  return { 'active', tostring(until_ms) }
end
local first = 0
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  local active = redis.call('ZCARD', KEYS[2])
  if redis.call('ZCARD', KEYS[1]) == 0 then
    if active == 0 then
      first = 1
    end
    if ARGV[5] == '1' and active < tonumber(ARGV[6]) then
      local admitted_until = now + tonumber(ARGV[7])
      redis.call('ZADD', KEYS[2], admitted_until, ARGV[1])
      redis.call('ZADD', KEYS[4], now, ARGV[1])
      return { 'admitted', tostring(admitted_until), first }
    end
  end
  local score = ARGV[4]
  if ARGV[3] == '1' then
    score = redis.call('INCR', KEYS[3])
  end
  redis.call('ZADD', KEYS[1], score, ARGV[1])
end
local oldest = redis.call('ZRANGEBYSCORE', KEYS[4], ARGV[8], now, 'WITHSCORES', 'LIMIT', 0, 1)
return { 'waiting', redis.call('ZRANK', KEYS[1], ARGV[1]) + 1, first,
  redis.call('ZCOUNT', KEYS[4], ARGV[8], now), tonumber(oldest[2] or '0') }
