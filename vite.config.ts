import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    react(),
    // Offline after the first load: a service worker precaches the whole build (Monaco and its workers included),
    // so a classroom with flaky Wi-Fi keeps working. public/manifest.webmanifest stays the app's manifest.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script',
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,ttf,woff2,json}'],
        // Monaco's chunk is ~3.6 MB; the default 2 MiB limit would leave the editor out of the offline copy.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // Take control of the page that installed it, so going offline right after the first visit still works.
        clientsClaim: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});
