if (args is ["service", .. var rest]) return await Baton.Bench.Service.ServiceBench.RunAsync(rest);
return 0;
