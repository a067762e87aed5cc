-- Puts the seats of a returned sale (a cancelled order) back on sale, after PostgreSQL deleted it.
-- KEYS[1] state  KEYS[2] bought  KEYS[3] sold  KEYS[4] seq
-- ARGV: user, seat ids...
-- Returns {seats returned, sequence of the "available" announcement}
local returned = {}
for i = 2, #ARGV do
  if redis.call('HGET', KEYS[1], ARGV[i]) == 'S' then
    redis.call('HDEL', KEYS[1], ARGV[i])
    table.insert(returned, ARGV[i])
  end
end
if redis.call('HINCRBY', KEYS[2], ARGV[1], -(#ARGV - 1)) < 0 then redis.call('HSET', KEYS[2], ARGV[1], 0) end
if redis.call('DECRBY', KEYS[3], #returned) < 0 then redis.call('SET', KEYS[3], 0) end
return { #returned, announce(KEYS[4], 'available', returned) }
