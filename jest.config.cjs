module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/jest.esbuild-transform.cjs' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
  // Long suites (realization scale, fault sweeps) leave a worker holding gigabytes: recycle it.
  workerIdleMemoryLimit: '1500MB',
};
