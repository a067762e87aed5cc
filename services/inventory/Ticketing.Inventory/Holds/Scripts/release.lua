-- Releases seats of the user's hold: the listed ones, or all when none are listed (also used for expiry).
-- KEYS as in reserve.lua (1 state, 2 hold, 3 seats, 4 expiries, 5 lapsed, 6 seq).
-- ARGV: user, now ms, only if expired ("1" = release only a hold that has run out: then it is remembered
--       as lapsed for the given ms, so a late checkout hears that it expired), lapsed memory ms, seat ids...
-- Only seats this hold really holds are touched: a seat someone else took after a lapse stays theirs.
-- Returns {"none"} | {"live"} | {"released" | "ended", hold id, expiry, sequence of the announcement, released seats...}
local user, now, only_expired = ARGV[1], tonumber(ARGV[2]), ARGV[3] == '1'
local exp = tonumber(redis.call('HGET', KEYS[2], 'exp') or '0')
if exp == 0 then
  redis.call('ZREM', KEYS[4], user)
  return { 'none' }
end
if only_expired and exp > now then return { 'live' } end

local id = redis.call('HGET', KEYS[2], 'id')
local mine = 'H:' .. user .. ':' .. exp
local targets = {}
if #ARGV > 4 then
  for i = 5, #ARGV do table.insert(targets, ARGV[i]) end
else
  targets = redis.call('SMEMBERS', KEYS[3])
end

local released = {}
for _, seat in ipairs(targets) do
  if redis.call('SREM', KEYS[3], seat) == 1 then
    if redis.call('HGET', KEYS[1], seat) == mine then redis.call('HDEL', KEYS[1], seat) end
    table.insert(released, seat)
  end
end

local seq = announce(KEYS[6], 'available', released)
if redis.call('SCARD', KEYS[3]) == 0 then
  redis.call('DEL', KEYS[2], KEYS[3])
  redis.call('ZREM', KEYS[4], user)
  if only_expired then redis.call('SET', KEYS[5], id, 'PX', ARGV[4]) end
  return { 'ended', id, tostring(exp), seq, unpack(released) }
end
return { 'released', id, tostring(exp), seq, unpack(released) }
