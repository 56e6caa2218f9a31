// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.unionkiosk.station.scanner.QrFrameDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "decode", mixinStandardHelpOptions = true, description = "Run the camera decoder on image files "
        + "(PNG, JPEG) and print, per file, the text read or 'no code': for checking a camera's view and focus.")
final class DecodeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", description = "Image files")
    List<Path> files;

    @Override
    public Integer call() {
        QrFrameDecoder decoder = new QrFrameDecoder();
        int unreadable = 0;
        for (Path f : files) {
            BufferedImage img;
            try {
                img = ImageIO.read(f.toFile());
            } catch (IOException e) {
                img = null;
            }
            if (img == null) {
                System.out.println(f + ": not an image");
                unreadable++;
                continue;
            }
            System.out.println(f + ": " + decoder.decodeImage(img).orElse("no code"));
        }
        return unreadable == 0 ? 0 : 1;
    }
}
