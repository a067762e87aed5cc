-- Puts a user in the event's waiting room, once.
-- KEYS: 1 waiting (ZSET user -> place score), 2 active (ZSET user -> admitted-until ms), 3 sequence (counter)
-- ARGV: 1 user, 2 now ms, 3 opened ("1" once the on-sale has opened), 4 random score in [0, 1)
-- Atomic rule: one place per account; joining again keeps the first place. Before the opening a
-- join gets a random score below 1 (a random place when it opens, so refreshing at the right
-- millisecond wins nothing); after it, the next value of the event's counter (>= 1, so first come
-- first served, behind everybody who waited for the opening).
-- Returns {"active", admitted-until ms} | {"waiting", position (1-based)}
local until_ms = tonumber(redis.call('ZSCORE', KEYS[2], ARGV[1]) or '0')
if until_ms > tonumber(ARGV[2]) then
  return { 'active', tostring(until_ms) }
end
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  local score = ARGV[4]
  if ARGV[3] == '1' then
    score = redis.call('INCR', KEYS[3])
  end
  redis.call('ZADD', KEYS[1], score, ARGV[1])
end
return { 'waiting', redis.call('ZRANK', KEYS[1], ARGV[1]) + 1 }
