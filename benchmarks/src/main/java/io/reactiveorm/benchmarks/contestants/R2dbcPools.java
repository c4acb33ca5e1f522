package io.reactiveorm.benchmarks.contestants;

import io.r2dbc.pool.PoolingConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.reactiveorm.benchmarks.BenchConfig;
import java.time.Duration;

/**
 * The r2dbc-pool over r2dbc-postgresql that the R2DBC contestants share with reactive-orm's own:
 * the same URL and the same pool settings that {@code Orm.builder().poolSize(n)} applies.
 */
final class R2dbcPools {

  private R2dbcPools() {}

  static ConnectionFactory pool(BenchConfig config, int size) {
    ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(config.r2dbcUrl()).mutate()
        .option(ConnectionFactoryOptions.DRIVER, PoolingConnectionFactoryProvider.POOLING_DRIVER)
        .option(ConnectionFactoryOptions.PROTOCOL, "postgresql")
        .option(PoolingConnectionFactoryProvider.MAX_SIZE, size)
        .option(PoolingConnectionFactoryProvider.INITIAL_SIZE, 1)
        .option(PoolingConnectionFactoryProvider.MAX_ACQUIRE_TIME, Duration.ofSeconds(5))
        .option(PoolingConnectionFactoryProvider.ACQUIRE_RETRY, 0)
        .build();
    return ConnectionFactories.get(options);
  }
}
