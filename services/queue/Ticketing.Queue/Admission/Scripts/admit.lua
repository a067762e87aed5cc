-- One admission step for one event: the only place where shoppers become active.
-- KEYS: 1 waiting (ZSET user -> place score), 2 active (ZSET user -> admitted-until ms), 3 admissions (ZSET user -> admitted-at ms)
-- ARGV: 1 now ms, 2 shopping window ms, 3 max concurrent shoppers, 4 may admit ("1"; "0" when sold out
--       or not yet open: windows still end), 5 rate window ms (how much admission history to keep)
-- Atomic rule: first drop the shoppers whose window ended, then move at most
-- (max concurrent - live active) users, lowest score first, from waiting to active. Because this
-- runs as one script, any number of queue instances together never exceed the cap.
-- Returns {waiting count, active count, ended count, ended users..., admitted users...}
local now = tonumber(ARGV[1])
local ended = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
if #ended > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
end

local admitted = {}
if ARGV[4] == '1' then
  local slots = tonumber(ARGV[3]) - redis.call('ZCARD', KEYS[2])
  if slots > 0 then
    local popped = redis.call('ZPOPMIN', KEYS[1], slots)
    local until_ms = now + tonumber(ARGV[2])
    for i = 1, #popped, 2 do
      redis.call('ZADD', KEYS[2], until_ms, popped[i])
      redis.call('ZADD', KEYS[3], now, popped[i])
      admitted[#admitted + 1] = popped[i]
    end
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[5]))

local result = { redis.call('ZCARD', KEYS[1]), redis.call('ZCARD', KEYS[2]), #ended }
for _, user in ipairs(ended) do result[#result + 1] = user end
for _, user in ipairs(admitted) do result[#result + 1] = user end
return result
