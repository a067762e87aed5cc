-- Takes every requested seat for the user's hold, or none. Atomic: Redis runs one script at a time.
-- KEYS[1] inv:{E}:state       HASH seat -> "H:<user>:<expiry ms>" (held) | "S" (sold); absent = available
-- KEYS[2] inv:{E}:hold:<user>  HASH id, exp: the user's one hold on this event
-- KEYS[3] inv:{E}:seats:<user> SET seats in that hold
-- KEYS[4] inv:{E}:expiries     ZSET user -> expiry ms, for the sweeper
-- KEYS[5] inv:{E}:bought       HASH user -> seats bought
-- KEYS[6] inv:{E}:loaded       set once sold seats were loaded from PostgreSQL (absent after Redis lost its data)
-- KEYS[7] inv:{E}:admitted     ZSET user -> admitted until (ms), fed by the waiting room's messages
-- KEYS[8] inv:{E}:lapsed:<user> STRING id of the user's hold that ran out, kept a while so checkout can say so
-- KEYS[9] inv:{E}:seq          the event's change sequence (announce.lua)
-- KEYS[10] inv:{E}:closed      present once the sale closed for good (the event was cancelled)
-- ARGV: user, now ms, ttl ms, max tickets per user, id for a new hold, "1" if the event has a waiting room,
--       how long a lapsed hold is remembered (ms), seat ids...
-- Rules kept: a seat is held by at most one live hold and never once sold; a hold is all or nothing;
-- held + requested + bought never exceeds the limit; adding to a hold keeps its expiry.
-- Returns {"reload"} | {"closed"} | {"not_admitted"} | {"taken", seats...} | {"limit", held+bought}
--       | {"ok", hold id, expiry, id of an own expired hold or "", sequence of the "held" announcement,
--          every seat of the hold...}
if redis.call('EXISTS', KEYS[6]) == 0 then return { 'reload' } end
if redis.call('EXISTS', KEYS[10]) == 1 then return { 'closed' } end
local user, now, ttl, max = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
if ARGV[6] == '1' then
  local admitted_until = tonumber(redis.call('ZSCORE', KEYS[7], user) or '0')
  if admitted_until <= now then return { 'not_admitted' } end
end

local expired = ''
local exp = tonumber(redis.call('HGET', KEYS[2], 'exp') or '0')
if exp > 0 and exp <= now then
  -- The user's own hold ran out and the sweeper has not reached it yet: end it here first.
  expired = redis.call('HGET', KEYS[2], 'id')
  local mine = 'H:' .. user .. ':' .. exp
  local freed = {}
  for _, seat in ipairs(redis.call('SMEMBERS', KEYS[3])) do
    if redis.call('HGET', KEYS[1], seat) == mine then
      redis.call('HDEL', KEYS[1], seat)
      table.insert(freed, seat)
    end
  end
  announce(KEYS[9], 'available', freed)
  redis.call('DEL', KEYS[2], KEYS[3])
  redis.call('ZREM', KEYS[4], user)
  redis.call('SET', KEYS[8], expired, 'PX', ARGV[7])
  exp = 0
end

local taken, fresh = {}, {}
for i = 8, #ARGV do
  local seat = ARGV[i]
  local state = redis.call('HGET', KEYS[1], seat)
  if not state then
    table.insert(fresh, seat)
  elseif state == 'S' then
    table.insert(taken, seat)
  else
    local holder, until_ms = string.match(state, '^H:([^:]+):(%d+)$')
    until_ms = tonumber(until_ms)
    if until_ms <= now then
      table.insert(fresh, seat)          -- a lapsed hold of someone else: free again
    elseif holder ~= user then
      table.insert(taken, seat)
    end                                  -- else: already in this user's hold
  end
end
if #taken > 0 then return { 'taken', unpack(taken) } end

local have = redis.call('SCARD', KEYS[3]) + tonumber(redis.call('HGET', KEYS[5], user) or '0')
if have + #fresh > max then return { 'limit', tostring(have) } end

local id = redis.call('HGET', KEYS[2], 'id')
if exp == 0 then
  exp = now + ttl
  id = ARGV[5]
  redis.call('HSET', KEYS[2], 'id', id, 'exp', exp)
  redis.call('ZADD', KEYS[4], exp, user)
  redis.call('DEL', KEYS[8])
end
local state = 'H:' .. user .. ':' .. exp
local requested = {}
for _, seat in ipairs(fresh) do
  redis.call('HSET', KEYS[1], seat, state)
  redis.call('SADD', KEYS[3], seat)
end
for i = 8, #ARGV do table.insert(requested, ARGV[i]) end
local seq = announce(KEYS[9], 'held', requested)
-- The hold's keys outlive it by a minute so the sweeper can still find and report it.
redis.call('PEXPIREAT', KEYS[2], exp + 60000)
redis.call('PEXPIREAT', KEYS[3], exp + 60000)
return { 'ok', id, tostring(exp), expired, seq, unpack(redis.call('SMEMBERS', KEYS[3])) }
