using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(EcsPolicy.Bench.LintVersusParse).Assembly).Run(args);
