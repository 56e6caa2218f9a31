// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.bench;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.unionkiosk.station.scanner.QrFrameDecoder;

/**
 * Camera decode time per frame: our decoder against bare ZXing {@code QRCodeReader} (default hints, whole frame)
 * on the same YUV420 luminance plane, with and without a code, whole frame or a centred region of interest.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CameraDecodeBenchmark {
    @Param({"640x480", "1280x720"})
    public String size;
    @Param({"code", "none"})
    public String content;
    @Param({"full", "roi"})
    public String region;

    private int w;
    private int h;
    private byte[] frame;
    private int rx;
    private int ry;
    private int rw;
    private int rh;
    private final QrFrameDecoder decoder = new QrFrameDecoder();
    private final QRCodeReader bare = new QRCodeReader();

    @Setup
    public void setUp() throws Exception {
        String[] wh = size.split("x");
        w = Integer.parseInt(wh[0]);
        h = Integer.parseInt(wh[1]);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        Random rnd = new Random(7);
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 60; i++) {
            int v = rnd.nextInt(256);
            g.setColor(new Color(v, v, v));
            g.fillRect(rnd.nextInt(w), rnd.nextInt(h), 10 + rnd.nextInt(w / 5), 10 + rnd.nextInt(h / 5));
        }
        if ("code".equals(content)) {
            String badge = "UK1:" + "6BF$%*+-./ Q".repeat(16);
            var m = new com.google.zxing.qrcode.QRCodeWriter().encode(badge, com.google.zxing.BarcodeFormat.QR_CODE,
                    h / 2, h / 2, Map.of(com.google.zxing.EncodeHintType.MARGIN, 4));
            g.drawImage(com.google.zxing.client.j2se.MatrixToImageWriter.toBufferedImage(m), w / 2 - h / 4, h / 4,
                    null);
        }
        g.dispose();
        frame = new byte[w * h * 3 / 2];
        img.getRaster().getDataElements(0, 0, w, h, frame);
        if ("roi".equals(region)) {
            rw = w * 3 / 5;
            rh = h * 4 / 5;
            rx = (w - rw) / 2;
            ry = (h - rh) / 2;
        }
        if ("code".equals(content) && decoder.decodeYuv(frame, w, h, rx, ry, rw, rh).isEmpty()) {
            throw new IllegalStateException("benchmark frame does not decode");
        }
    }

    @Benchmark
    public Optional<String> ours() {
        return decoder.decodeYuv(frame, w, h, rx, ry, rw, rh);
    }

    @Benchmark
    public Result bareQrCodeReader() {
        try {
            return bare.decode(new BinaryBitmap(new HybridBinarizer(new PlanarYUVLuminanceSource(frame, w, h, 0, 0, w,
                    h, false))));
        } catch (Exception e) {
            return null;
        }
    }
}
