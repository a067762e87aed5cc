-- The event's whole seat state and the sequence number of the last change it reflects, read in one atomic step.
-- KEYS[1] inv:{E}:state  KEYS[2] inv:{E}:seq
-- Returns {sequence, {seat, state, seat, state, ...}}
return { current_seq(KEYS[2]), redis.call('HGETALL', KEYS[1]) }
