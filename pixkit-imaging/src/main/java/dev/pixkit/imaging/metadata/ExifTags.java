package dev.pixkit.imaging.metadata;

import java.util.HashMap;
import java.util.Map;

/**
 * Tag numbers to the names ImageKit reports (ExifTool's names: {@code ModifyDate} for 0x0132, {@code ISO} for
 * 0x8827, {@code ExifOffset} for the Exif IFD pointer, ...). Tags not listed here are left out of the result: an
 * unnamed tag is of no use to an API client, and vendors put large private blobs under unassigned numbers.
 */
final class ExifTags {

    static final int EXIF_IFD_POINTER = 0x8769;
    static final int GPS_IFD_POINTER = 0x8825;
    static final int INTEROP_IFD_POINTER = 0xA005;
    static final int MAKER_NOTE = 0x927C;
    static final int USER_COMMENT = 0x9286;

    /** IFD0 and IFD1 (main image and thumbnail) share the TIFF tag set. */
    static final Map<Integer, String> IMAGE = new HashMap<>();
    static final Map<Integer, String> EXIF = new HashMap<>();
    static final Map<Integer, String> GPS = new HashMap<>();
    static final Map<Integer, String> INTEROP = new HashMap<>();

    private ExifTags() {}

    private static void image(int tag, String name) {
        IMAGE.put(tag, name);
    }

    private static void exif(int tag, String name) {
        EXIF.put(tag, name);
    }

    private static void gps(int tag, String name) {
        GPS.put(tag, name);
    }

    static {
        image(0x00FE, "SubfileType");
        image(0x0100, "ImageWidth");
        image(0x0101, "ImageHeight");
        image(0x0102, "BitsPerSample");
        image(0x0103, "Compression");
        image(0x0106, "PhotometricInterpretation");
        image(0x010E, "ImageDescription");
        image(0x010F, "Make");
        image(0x0110, "Model");
        image(0x0112, "Orientation");
        image(0x0115, "SamplesPerPixel");
        image(0x011A, "XResolution");
        image(0x011B, "YResolution");
        image(0x011C, "PlanarConfiguration");
        image(0x0128, "ResolutionUnit");
        image(0x0131, "Software");
        image(0x0132, "ModifyDate");
        image(0x013B, "Artist");
        image(0x013C, "HostComputer");
        image(0x013E, "WhitePoint");
        image(0x013F, "PrimaryChromaticities");
        image(0x0201, "ThumbnailOffset");
        image(0x0202, "ThumbnailLength");
        image(0x0211, "YCbCrCoefficients");
        image(0x0212, "YCbCrSubSampling");
        image(0x0213, "YCbCrPositioning");
        image(0x0214, "ReferenceBlackWhite");
        image(0x4746, "Rating");
        image(0x4749, "RatingPercent");
        image(0x8298, "Copyright");
        image(EXIF_IFD_POINTER, "ExifOffset");
        image(GPS_IFD_POINTER, "GPSInfo");
        image(0x9C9B, "XPTitle");
        image(0x9C9C, "XPComment");
        image(0x9C9D, "XPAuthor");
        image(0x9C9E, "XPKeywords");
        image(0x9C9F, "XPSubject");

        exif(0x829A, "ExposureTime");
        exif(0x829D, "FNumber");
        exif(0x8822, "ExposureProgram");
        exif(0x8824, "SpectralSensitivity");
        exif(0x8827, "ISO");
        exif(0x8830, "SensitivityType");
        exif(0x8831, "StandardOutputSensitivity");
        exif(0x8832, "RecommendedExposureIndex");
        exif(0x8833, "ISOSpeed");
        exif(0x9000, "ExifVersion");
        exif(0x9003, "DateTimeOriginal");
        exif(0x9004, "CreateDate");
        exif(0x9010, "OffsetTime");
        exif(0x9011, "OffsetTimeOriginal");
        exif(0x9012, "OffsetTimeDigitized");
        exif(0x9101, "ComponentsConfiguration");
        exif(0x9102, "CompressedBitsPerPixel");
        exif(0x9201, "ShutterSpeedValue");
        exif(0x9202, "ApertureValue");
        exif(0x9203, "BrightnessValue");
        exif(0x9204, "ExposureCompensation");
        exif(0x9205, "MaxApertureValue");
        exif(0x9206, "SubjectDistance");
        exif(0x9207, "MeteringMode");
        exif(0x9208, "LightSource");
        exif(0x9209, "Flash");
        exif(0x920A, "FocalLength");
        exif(0x9214, "SubjectArea");
        exif(USER_COMMENT, "UserComment");
        exif(0x9290, "SubSecTime");
        exif(0x9291, "SubSecTimeOriginal");
        exif(0x9292, "SubSecTimeDigitized");
        exif(0xA000, "FlashpixVersion");
        exif(0xA001, "ColorSpace");
        exif(0xA002, "ExifImageWidth");
        exif(0xA003, "ExifImageHeight");
        exif(0xA004, "RelatedSoundFile");
        exif(INTEROP_IFD_POINTER, "InteropOffset");
        exif(0xA20B, "FlashEnergy");
        exif(0xA20E, "FocalPlaneXResolution");
        exif(0xA20F, "FocalPlaneYResolution");
        exif(0xA210, "FocalPlaneResolutionUnit");
        exif(0xA214, "SubjectLocation");
        exif(0xA215, "ExposureIndex");
        exif(0xA217, "SensingMethod");
        exif(0xA300, "FileSource");
        exif(0xA301, "SceneType");
        exif(0xA401, "CustomRendered");
        exif(0xA402, "ExposureMode");
        exif(0xA403, "WhiteBalance");
        exif(0xA404, "DigitalZoomRatio");
        exif(0xA405, "FocalLengthIn35mmFormat");
        exif(0xA406, "SceneCaptureType");
        exif(0xA407, "GainControl");
        exif(0xA408, "Contrast");
        exif(0xA409, "Saturation");
        exif(0xA40A, "Sharpness");
        exif(0xA40C, "SubjectDistanceRange");
        exif(0xA420, "ImageUniqueID");
        exif(0xA430, "OwnerName");
        exif(0xA431, "SerialNumber");
        exif(0xA432, "LensInfo");
        exif(0xA433, "LensMake");
        exif(0xA434, "LensModel");
        exif(0xA435, "LensSerialNumber");
        exif(0xA460, "CompositeImage");
        exif(0xA500, "Gamma");

        String[] gpsNames = {"GPSVersionID", "GPSLatitudeRef", "GPSLatitude", "GPSLongitudeRef", "GPSLongitude",
            "GPSAltitudeRef", "GPSAltitude", "GPSTimeStamp", "GPSSatellites", "GPSStatus", "GPSMeasureMode", "GPSDOP",
            "GPSSpeedRef", "GPSSpeed", "GPSTrackRef", "GPSTrack", "GPSImgDirectionRef", "GPSImgDirection",
            "GPSMapDatum", "GPSDestLatitudeRef", "GPSDestLatitude", "GPSDestLongitudeRef", "GPSDestLongitude",
            "GPSDestBearingRef", "GPSDestBearing", "GPSDestDistanceRef", "GPSDestDistance", "GPSProcessingMethod",
            "GPSAreaInformation", "GPSDateStamp", "GPSDifferential", "GPSHPositioningError"};
        for (int i = 0; i < gpsNames.length; i++) {
            gps(i, gpsNames[i]);
        }

        INTEROP.put(0x0001, "InteropIndex");
        INTEROP.put(0x0002, "InteropVersion");
        INTEROP.put(0x1000, "RelatedImageFileFormat");
        INTEROP.put(0x1001, "RelatedImageWidth");
        INTEROP.put(0x1002, "RelatedImageHeight");
    }
}
