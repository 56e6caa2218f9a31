// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Camera-like test images of badges: a QR code rotated up to ±30°, scaled to 15–80 % of the frame height,
 * perspective-tilted, on a busy background, then blurred, with sensor noise, low contrast and glare. Seeded, so
 * every run tests the same set. Frames are 8-bit grey, which is the luminance plane a YUV420 frame starts with.
 */
final class QrImageSet {
    record Case(int index, String text, String description, BufferedImage image) {
        /** The frame as YUV420 (I420): luminance plane, then neutral chroma. */
        byte[] yuv420() {
            int w = image.getWidth();
            int h = image.getHeight();
            byte[] out = new byte[w * h * 3 / 2];
            image.getRaster().getDataElements(0, 0, w, h, out);
            java.util.Arrays.fill(out, w * h, out.length, (byte) 128);
            return out;
        }
    }

    static List<Case> generate(int count, int width, int height, List<String> texts, long seed) throws Exception {
        Random rnd = new Random(seed);
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = texts.get(i % texts.size());
            double angle = Math.toRadians(rnd.nextDouble() * 60 - 30);
            double scale = 0.15 + rnd.nextDouble() * 0.65;
            double tilt = rnd.nextDouble() * 0.12;
            int blur = rnd.nextInt(4); // 0, 1 (3x3), 2 (5x5), 3 (none)
            double noise = rnd.nextDouble() * 14;
            double contrast = 0.35 + rnd.nextDouble() * 0.65;
            boolean glare = rnd.nextDouble() < 0.35;
            BufferedImage img = background(width, height, rnd);
            placeQr(img, qr(text), angle, scale, tilt, rnd);
            lowContrast(img, contrast, rnd);
            if (glare) {
                glare(img, rnd);
            }
            if (blur == 1 || blur == 2) {
                img = blur(img, blur == 1 ? 3 : 5);
            }
            addNoise(img, noise, rnd);
            out.add(new Case(i, text, String.format("angle=%.0f° scale=%.0f%% tilt=%.2f blur=%d noise=%.0f "
                    + "contrast=%.2f glare=%b", Math.toDegrees(angle), scale * 100, tilt, blur == 3 ? 0 : blur, noise,
                    contrast, glare), img));
        }
        return out;
    }

    /**
     * A badge shown from a distance: modules 2 to 3 pixels wide in the frame, slightly rotated and tilted, softened
     * by the lens (3x3 blur on some), with sensor noise. Every other one is shown light-on-dark, as a phone in dark
     * mode shows it. Seeded.
     */
    static List<Case> smallCodes(int count, int width, int height, List<String> texts, long seed) throws Exception {
        Random rnd = new Random(seed);
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = texts.get(i % texts.size());
            BitMatrix m = qr(text);
            double modulePx = 2 + rnd.nextDouble();
            double scale = m.getWidth() * modulePx / height;
            double angle = Math.toRadians(rnd.nextDouble() * 20 - 10);
            double tilt = rnd.nextDouble() * 0.04;
            boolean inverted = i % 2 == 1;
            boolean soft = rnd.nextBoolean();
            double noise = rnd.nextDouble() * 6;
            BufferedImage img = background(width, height, rnd);
            placeQr(img, m, angle, scale, tilt, rnd);
            if (inverted) {
                invert(img);
            }
            if (soft) {
                img = blur(img, 3);
            }
            addNoise(img, noise, rnd);
            out.add(new Case(i, text, String.format("module=%.1fpx angle=%.0f° tilt=%.2f soft=%b noise=%.0f "
                    + "inverted=%b", modulePx, Math.toDegrees(angle), tilt, soft, noise, inverted), img));
        }
        return out;
    }

    /** Light-on-dark: the whole frame negated, as a dark-mode phone screen shows the code. */
    private static void invert(BufferedImage img) {
        var r = img.getRaster();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                r.setSample(x, y, 0, 255 - r.getSample(x, y, 0));
            }
        }
    }

    private static BitMatrix qr(String text) throws Exception {
        return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q, EncodeHintType.MARGIN, 4));
    }

    private static BufferedImage background(int w, int h, Random rnd) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(90 + rnd.nextInt(120), 90 + rnd.nextInt(120), 90 + rnd.nextInt(120)));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 40; i++) {
            int v = rnd.nextInt(256);
            g.setColor(new Color(v, v, v));
            switch (rnd.nextInt(3)) {
                case 0 -> g.fillRect(rnd.nextInt(w), rnd.nextInt(h), 5 + rnd.nextInt(120), 5 + rnd.nextInt(120));
                case 1 -> g.drawLine(rnd.nextInt(w), rnd.nextInt(h), rnd.nextInt(w), rnd.nextInt(h));
                default -> {
                    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 10 + rnd.nextInt(30)));
                    g.drawString("UNION " + rnd.nextInt(9999), rnd.nextInt(w), rnd.nextInt(h));
                }
            }
        }
        g.dispose();
        return img;
    }

    /** Draws the code through one homography: perspective jitter of the unit square, then rotate, scale, move. */
    private static void placeQr(BufferedImage img, BitMatrix m, double angle, double scale, double tilt, Random rnd) {
        int w = img.getWidth();
        int h = img.getHeight();
        double size = scale * h;
        double[][] quad = new double[4][2];
        double[][] unit = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double reach = size * (Math.abs(cos) + Math.abs(sin)) / 2;
        double cx = reach + rnd.nextDouble() * Math.max(1, w - 2 * reach);
        double cy = reach + rnd.nextDouble() * Math.max(1, h - 2 * reach);
        for (int i = 0; i < 4; i++) {
            double ux = unit[i][0] + (rnd.nextDouble() * 2 - 1) * tilt - 0.5;
            double uy = unit[i][1] + (rnd.nextDouble() * 2 - 1) * tilt - 0.5;
            quad[i][0] = cx + size * (ux * cos - uy * sin);
            quad[i][1] = cy + size * (ux * sin + uy * cos);
        }
        double[] hinv = invert(homography(unit, quad));
        int minX = (int) Math.max(0, Math.floor(min(quad, 0)));
        int maxX = (int) Math.min(w - 1, Math.ceil(max(quad, 0)));
        int minY = (int) Math.max(0, Math.floor(min(quad, 1)));
        int maxY = (int) Math.min(h - 1, Math.ceil(max(quad, 1)));
        int n = m.getWidth();
        var raster = img.getRaster();
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                double d = hinv[6] * x + hinv[7] * y + hinv[8];
                double u = (hinv[0] * x + hinv[1] * y + hinv[2]) / d;
                double v = (hinv[3] * x + hinv[4] * y + hinv[5]) / d;
                if (u < 0 || u >= 1 || v < 0 || v >= 1) {
                    continue;
                }
                // 2x2 supersampling of the module grid smooths edges like a lens would.
                int dark = 0;
                for (int s = 0; s < 4; s++) {
                    double su = u + ((s & 1) - 0.5) * 0.5 / (size);
                    double sv = v + ((s >> 1) - 0.5) * 0.5 / (size);
                    int mx = (int) Math.min(n - 1, Math.max(0, su * n));
                    int my = (int) Math.min(n - 1, Math.max(0, sv * n));
                    dark += m.get(mx, my) ? 1 : 0;
                }
                raster.setSample(x, y, 0, 250 - dark * 58);
            }
        }
    }

    private static void lowContrast(BufferedImage img, double contrast, Random rnd) {
        var r = img.getRaster();
        double mid = 100 + rnd.nextInt(60);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                r.setSample(x, y, 0, clamp(mid + (r.getSample(x, y, 0) - 128) * contrast));
            }
        }
    }

    private static void glare(BufferedImage img, Random rnd) {
        var r = img.getRaster();
        double gx = rnd.nextInt(img.getWidth());
        double gy = rnd.nextInt(img.getHeight());
        double radius = 60 + rnd.nextInt(160);
        double strength = 0.3 + rnd.nextDouble() * 0.4;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                double dist = Math.hypot(x - gx, y - gy) / radius;
                if (dist < 1) {
                    double a = strength * (1 - dist * dist);
                    r.setSample(x, y, 0, clamp(r.getSample(x, y, 0) * (1 - a) + 255 * a));
                }
            }
        }
    }

    private static BufferedImage blur(BufferedImage img, int k) {
        float[] kernel = new float[k * k];
        java.util.Arrays.fill(kernel, 1f / (k * k));
        return new ConvolveOp(new Kernel(k, k, kernel), ConvolveOp.EDGE_NO_OP, null).filter(img, null);
    }

    private static void addNoise(BufferedImage img, double sigma, Random rnd) {
        var r = img.getRaster();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                r.setSample(x, y, 0, clamp(r.getSample(x, y, 0) + rnd.nextGaussian() * sigma));
            }
        }
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static double min(double[][] q, int c) {
        return Math.min(Math.min(q[0][c], q[1][c]), Math.min(q[2][c], q[3][c]));
    }

    private static double max(double[][] q, int c) {
        return Math.max(Math.max(q[0][c], q[1][c]), Math.max(q[2][c], q[3][c]));
    }

    /** The 3x3 homography (row-major, h8 = 1) taking four source points to four destination points. */
    static double[] homography(double[][] src, double[][] dst) {
        double[][] a = new double[8][9];
        for (int i = 0; i < 4; i++) {
            double x = src[i][0];
            double y = src[i][1];
            double u = dst[i][0];
            double v = dst[i][1];
            a[2 * i] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
            a[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
        }
        for (int c = 0; c < 8; c++) {
            int p = c;
            for (int r = c + 1; r < 8; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            for (int r = 0; r < 8; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k < 9; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[] h = new double[9];
        for (int i = 0; i < 8; i++) {
            h[i] = a[i][8] / a[i][i];
        }
        h[8] = 1;
        return h;
    }

    static double[] invert(double[] m) {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        return new double[] {
            (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
            (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
            (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det};
    }
}
