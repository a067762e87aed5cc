-- Prepended to every script that changes seats (HoldScripts). A change is announced by the script that makes it:
-- the event's next sequence number and the message on its channel come from the same atomic step, so every
-- watcher sees changes in order and can tell when it missed one (a gap in the numbers).
-- A sequence starts from the clock in microseconds, so it keeps growing even after Redis lost the event's keys.
local function current_seq(seq_key)
  local seq = redis.call('GET', seq_key)
  if not seq then
    local t = redis.call('TIME')
    seq = string.format('%d', tonumber(t[1]) * 1000000 + tonumber(t[2]))
    redis.call('SET', seq_key, seq)
  end
  return seq
end

-- Publishes {"seq":n,"seatIds":[...],"status":"..."} on the event's channel; returns n as text, or "0" for no seats.
local function announce(seq_key, status, seats)
  if #seats == 0 then return '0' end
  current_seq(seq_key)
  local seq = string.format('%d', redis.call('INCR', seq_key))
  local channel = string.gsub(seq_key, ':seq$', ':changes')
  redis.call('PUBLISH', channel, '{"seq":' .. seq .. ',"seatIds":["' .. table.concat(seats, '","') .. '"],"status":"' .. status .. '"}')
  return seq
end

