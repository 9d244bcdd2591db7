// Grid benchmarks: figures and ratios against a baseline measured in the same run (house rule: compare ratios within
// one run and read medians; absolute timings on a shared machine are noise). Always run in Release, from the
// repository root:
//
//   dotnet run -c Release --project tests/Grid.Benchmarks -- micro [BenchmarkDotNet args]
//       BenchmarkDotNet micro benchmarks (Micro/): callback crypto, event parsing, field mapping, source hashing.
//       Every class has a [Benchmark(Baseline = true)] floor, so the table has Ratio and Median ratio columns.
//       Without --filter every benchmark runs (2-3 minutes); e.g. `-- micro --filter *Hash*` runs one class,
//       `-- micro --list flat` lists them. Results also land in BenchmarkDotNet.Artifacts/.
//
//   dotnet run -c Release --project tests/Grid.Benchmarks -- macro [--runs N] [--members N] [--departments N]
//       End-to-end figures from our own harness (Macro/): planning a full sync of a generated company (from scratch,
//       unchanged, 1% changed) and a full fetch of it from the WeCom simulator over HTTP on 127.0.0.1 with the real
//       WeComClient. Median of N runs (default 5) after one warm-up round; defaults 100,000 members / 5,000 departments
//       (about 4 minutes).
//
//   dotnet run -c Release --project tests/Grid.Benchmarks -- all [--runs N] [--members N] [--departments N]
//       Every micro benchmark, then the macro benchmarks with the given options.
//
//   dotnet run -c Release --project tests/Grid.Benchmarks -- signin [--seconds N] [--concurrency N] [--members N]
//       Sign-in RPCs under load over real gRPC on 127.0.0.1 against an in-process Grid.Host (SignIn/): ValidateToken
//       calls/s, p50 and p99 with N calls in flight (default 32, 10 s per case), beside a bare gRPC call and the local
//       signature check alone.
//
//   dotnet run -c Release --project tests/Grid.Benchmarks -- callbacks [--members N] [--rates R1,R2,...] [--seconds N] [--postgres CONN]
//       B3 (Callbacks/): encrypted change callbacks at rising rates (default 250,500,1000,2000 events/s, 5 s each) over
//       loopback to Grid.Host in the cluster profile on PostgreSQL ($GRID_TEST_POSTGRES or --postgres, schema loaded);
//       sustained events/s and p50/p99 from POST to the account's change on the change stream.
//
//   dotnet run -c Release --project tests/Grid.Benchmarks -- scale [--members N] [--departments N] [--silos 1|2] [--seconds N] [--concurrency N] [--output FILE]
//       B1, B2 and B5 (Scale/) on the cluster profile: its own PostgreSQL (deploy/local/postgres.sh, schema loaded), one
//       or two Grid.Host silo processes and the simulator (default 100,000 members, one department per 20). B1 first
//       import beside the quota floor and the storage floor (the run's grain-state writes, counted in PostgreSQL, as
//       single-row upserts with Npgsql), B2 no-change re-run and its writes, B5 LookupAccount / ListAccounts over gRPC
//       and memory per 100,000 members once idle activations are collected. A table, and a JSON file (--output,
//       default scale-benchmark.json).
//
// Print `uptime` beside the results: the load of the machine at the time is part of the figures.
using Grid.Benchmarks;

return await BenchmarkCommand.RunAsync(args, Console.Out).ConfigureAwait(false);
