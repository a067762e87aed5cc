// One whole system at a time: the fault suite's and the replica suite's each take the machine (every collection
// boots its own AppHost), so their collections run one after the other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
