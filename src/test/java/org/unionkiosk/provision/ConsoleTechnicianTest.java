// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleTechnicianTest {
    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();

    private ConsoleTechnician answering(String lines) {
        return new ConsoleTechnician(new BufferedReader(new StringReader(lines)),
                new PrintStream(shown, true, StandardCharsets.UTF_8));
    }

    @Test
    void answersAreReadUntilTheyMakeSenseAndEndOfInputMeansNobodyIsThere() {
        ConsoleTechnician t = answering("Y\nmaybe\n no \n");

        assertThat(t.confirm("Did the relay click?")).contains(true);
        assertThat(t.confirm("Did the green LED light?")).contains(false);
        assertThat(t.confirm("Did the buzzer beep?")).isEmpty();
        assertThat(t.confirm("Did locker 1 unlock?")).as("not asked again once gone").isEmpty();
        String out = shown.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("Did the green LED light? [y/n] Did the green LED light? [y/n] ");
        assertThat(out).doesNotContain("Did locker 1 unlock?");
    }

    @Test
    void withoutAnInputItOnlyTells() {
        ConsoleTechnician t = new ConsoleTechnician(null, new PrintStream(shown, true, StandardCharsets.UTF_8));

        t.tell("== Door outputs");

        assertThat(t.confirm("Did the relay click?")).isEqualTo(Optional.empty());
        assertThat(shown.toString(StandardCharsets.UTF_8)).isEqualTo("== Door outputs\n");
    }
}
