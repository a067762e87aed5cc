-- Records in Redis a sale PostgreSQL has just committed: the seats are sold, the hold is gone and
-- the user's bought count grows (it counts toward the per-user limit from now on).
-- KEYS[1] state  KEYS[2] hold  KEYS[3] seats  KEYS[4] expiries  KEYS[5] bought
-- ARGV: user, seat ids...
for i = 2, #ARGV do redis.call('HSET', KEYS[1], ARGV[i], 'S') end
redis.call('HINCRBY', KEYS[5], ARGV[1], #ARGV - 1)
redis.call('DEL', KEYS[2], KEYS[3])
redis.call('ZREM', KEYS[4], ARGV[1])
return 'ok'
