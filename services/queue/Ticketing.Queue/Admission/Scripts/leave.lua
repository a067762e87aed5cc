-- Takes a user out of the event's waiting room: out of the line, and out of the shop.
-- KEYS: 1 waiting (ZSET), 2 active (ZSET user -> admitted-until ms)
-- ARGV: 1 user
-- Atomic rule: a slot is freed at most once (by leave, purchase or the end of the window), so
-- exactly one caller learns it freed it and announces ShopperReleased.
-- Returns 1 when an active slot was freed, else 0.
redis.call('ZREM', KEYS[1], ARGV[1])
return redis.call('ZREM', KEYS[2], ARGV[1])
