if (args is ["quality", ..]) return Baton.Bench.Quality.QualityBench.Run(args[1..]);
return 0;
