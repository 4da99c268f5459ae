# Kortin koodin lukeminen kameralla (scan.js): kassa ja kortin tarkistus.
scan-camera = Lue kameralla
scan-looking = Pidä kortin QR-koodia tai viivakoodia kameran edessä.
scan-cancel = Peruuta
scan-denied = Kameraa ei voi käyttää. Kirjoita kortin koodi kenttään.
