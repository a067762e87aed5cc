-- Restores what PostgreSQL knows into an event's Redis state, after Redis lost its data (or on first use):
-- sold seats, the sold count and each user's bought count. Holds that were only in Redis are gone;
-- their sagas time out.
-- KEYS[1] inv:{E}:state  KEYS[2] inv:{E}:bought  KEYS[3] inv:{E}:loaded  KEYS[4] inv:{E}:sold
-- ARGV: number of sold seats n, n seat ids, then user, count pairs
local n = tonumber(ARGV[1])
for i = 2, n + 1 do redis.call('HSET', KEYS[1], ARGV[i], 'S') end
for i = n + 2, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
redis.call('SET', KEYS[4], n)
redis.call('SET', KEYS[3], '1')
return n
