// Prints "<format> <width> <height>" of an image file (used by run.sh to check each server's response).
//   node probe.mjs <file>
import sharp from 'sharp';

try {
    const m = await sharp(process.argv[2]).metadata();
    console.log(`${m.format} ${m.width} ${m.height}`);
} catch (e) {
    console.log(`invalid 0 0 (${e.message})`);
}
