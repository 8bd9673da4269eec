import type { Ed25519Jwk, InternalService } from "./internal-keys";

/**
 * DEVELOPMENT ONLY. The Ed25519 key pair of every service that `npm start`, `npm run dev` and the tests use when
 * INTERNAL_PUBLIC_KEYS is not set. They are published in this repository, so anyone can sign with them: production
 * refuses them (config.ts), and so does any HOST beyond loopback. `npm run keys:internal` makes a key set of your own.
 */
export const DEVELOPMENT_INTERNAL_KEYS: Readonly<Record<InternalService, Required<Ed25519Jwk>>> = {
  gateway: {
    kty: "OKP",
    crv: "Ed25519",
    x: "0Dsk1Ip-wPuBd5b5P5M3x5ky-ThGYWu7Kr0Yt7HyydM",
    d: "Utp-gGTvA10KRCILn4WIz39zlbehtPmNlWBpnQqkQZA",
  },
  user: { kty: "OKP", crv: "Ed25519", x: "Qg5b8EV5vkZ_TX8SrvxuH7BsbEHC2ao87T_xQD-fkeI", d: "c_lNyWLDUYZzpfDlD_nVMvzG-ot932jvg9lB8wmgT5s" },
  product: {
    kty: "OKP",
    crv: "Ed25519",
    x: "fVWJTNc2TABAOmn6VMkX1jEGpzVfFZ2-v3exufvLQ8k",
    d: "7rSv6u2qv_aO-RE04QecBmU8eVFZ0qRszmXAa3nb-nM",
  },
  inventory: {
    kty: "OKP",
    crv: "Ed25519",
    x: "m1X843B-iORS-CMluZfdA9s6-4Jmxl9LRp91qoDtgdA",
    d: "LK3sPbc2FcD7utEtBJALQoRj4JhNUIAx7GFDCHc1qKM",
  },
  cart: { kty: "OKP", crv: "Ed25519", x: "HKHHfgrE9Lbp5P-lWHNd_HDA0JzhNx-QuFYXqbpzYPY", d: "kihyDmdq1jlf90t3C5FtUBsmzGXIqol0CUyrsOix3Ss" },
  notifications: {
    kty: "OKP",
    crv: "Ed25519",
    x: "crT_phSd8J0KBw0uLnGcGjbsApQt72_cWqI40JIWI-o",
    d: "levrppKEmGzI9TyPt2amc2wZtjfEmlmosLaPrDr0J3A",
  },
  order: { kty: "OKP", crv: "Ed25519", x: "GfW3knhWHFHHTozJ7z7_1LNY5jGn-1HjJjeepseLZHo", d: "mLlAmRRjxbVUOrIc7PjCtHFAcOERx3VfrC_8wYMW2Z4" },
};
