// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(30)
class ContractIT {
    @Test
    void theOpenApiDocumentIsAValidContractWithAnOperationPerHandler() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            OpenAPIContract c = OpenAPIContract.from(vertx, Api.CONTRACT).recover(t -> {
                Throwable x = t;
                StringBuilder sb = new StringBuilder();
                while (x != null) {
                    sb.append(x).append('\n');
                    if (x instanceof io.vertx.json.schema.JsonSchemaValidationException j) {
                        sb.append(j.location()).append('\n');
                    }
                    x = x.getCause();
                }
                return io.vertx.core.Future.failedFuture(new AssertionError(sb.toString(), t));
            }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(c.operation("sendCommand")).isNotNull();
            assertThat(c.operation("login")).isNotNull();
        } finally {
            vertx.close();
        }
    }
}
