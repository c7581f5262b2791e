using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Sagas;

public static class SagaRegistrationExtensions
{
    /// <summary>Persists the saga in the DuplexBus database (EF Core), with inbox de-duplication in the same transaction.</summary>
    public static ISagaRegistrationConfigurator<TSaga> UseDuplexBusRepository<TSaga>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISaga
    {
        configurator.Repository(r => r.RegisterSagaRepository<
            TSaga,
            DbContext,
            SagaConsumeContextFactory<DbContext, TSaga>,
            EfSagaRepositoryContextFactory<TSaga>>());
        return configurator;
    }
}
