-- Records in Redis a sale PostgreSQL has just committed: the seats are sold, the hold is gone and
-- the user's bought count grows (it counts toward the per-user limit from now on). Also keeps the
-- event's sold count, so sold-out is noticed without counting the event's sales in PostgreSQL.
-- KEYS[1] state  KEYS[2] hold  KEYS[3] seats  KEYS[4] expiries  KEYS[5] bought  KEYS[6] sold  KEYS[7] loaded  KEYS[8] seq
-- ARGV: user, seat ids...
-- Returns {the event's sold count, or -1 when Redis lost the event's state (the count is unknown then);
--          sequence of the "sold" announcement}
local newly = 0
for i = 2, #ARGV do
  if redis.call('HGET', KEYS[1], ARGV[i]) ~= 'S' then
    redis.call('HSET', KEYS[1], ARGV[i], 'S')
    newly = newly + 1
  end
end
redis.call('HINCRBY', KEYS[5], ARGV[1], #ARGV - 1)
redis.call('DEL', KEYS[2], KEYS[3])
redis.call('ZREM', KEYS[4], ARGV[1])
local sold = redis.call('INCRBY', KEYS[6], newly)
local seats = {}
for i = 2, #ARGV do table.insert(seats, ARGV[i]) end
local seq = announce(KEYS[8], 'sold', seats)
if redis.call('EXISTS', KEYS[7]) == 0 then return { -1, seq } end
return { sold, seq }
