# Reading a card's code with the camera (scan.js): the box office and card check.
scan-camera = Scan with camera
scan-looking = Hold the card's QR code or barcode in front of the camera.
scan-cancel = Cancel
scan-denied = The camera cannot be used. Type the card's code in the field instead.
