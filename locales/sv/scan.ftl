# Läsa kortets kod med kameran (scan.js): kassan och kontroll av kort.
scan-camera = Läs med kameran
scan-looking = Håll kortets QR-kod eller streckkod framför kameran.
scan-cancel = Avbryt
scan-denied = Kameran kan inte användas. Skriv kortets kod i fältet.
