package com.groupgate.bench.robustness;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_objdetect.QRCodeDetector;

/**
 * OpenCV's {@code QRCodeDetector} (objdetect; its own finder-pattern search and perspective
 * fit, quirc's decoding): a reader that shares no code with zxing. One thread, so that the
 * benchmark's numbers and the machine's other work do not depend on OpenCV's thread pool.
 */
final class OpenCvDecoder implements QrDecoder {
    private final QRCodeDetector detector;

    OpenCvDecoder() {
        opencv_core.setNumThreads(1);
        this.detector = new QRCodeDetector();
    }

    @Override
    public String name() {
        return "OpenCV";
    }

    @Override
    public boolean reads(Camera.Photo photo, String expected) {
        try (BytePointer pixels = new BytePointer(photo.gray());
             Mat image = new Mat(photo.height(), photo.width(), CV_8UC1, pixels);
             BytePointer text = detector.detectAndDecode(image)) {
            return text != null && expected.equals(text.getString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        detector.close();
    }
}
