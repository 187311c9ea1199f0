module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/jest.esbuild-transform.cjs' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
};
