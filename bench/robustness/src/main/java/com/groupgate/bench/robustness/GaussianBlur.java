package com.groupgate.bench.robustness;

/** A separable Gaussian blur of a grey float image; edges repeat the border pixel. */
final class GaussianBlur {
    private GaussianBlur() {
    }

    static float[] blur(float[] image, int width, int height, double sigma) {
        float[] kernel = kernel(sigma);
        float[] across = new float[image.length];
        int radius = kernel.length / 2;
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                float sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    int c = Math.max(0, Math.min(width - 1, column + k));
                    sum += kernel[k + radius] * image[row * width + c];
                }
                across[row * width + column] = sum;
            }
        }
        float[] blurred = new float[image.length];
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                float sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    int r = Math.max(0, Math.min(height - 1, row + k));
                    sum += kernel[k + radius] * across[r * width + column];
                }
                blurred[row * width + column] = sum;
            }
        }
        return blurred;
    }

    private static float[] kernel(double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        float[] kernel = new float[2 * radius + 1];
        double total = 0;
        for (int i = -radius; i <= radius; i++) {
            total += kernel[i + radius] = (float) Math.exp(-(i * (double) i) / (2 * sigma * sigma));
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) total;
        }
        return kernel;
    }
}
