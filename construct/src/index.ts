export * from './distributed-lock-table';
export * from './ilock-table';
export * from './lock-access-options';
export * from './lock-grant-options';
export * from './lock-item-schema';
export * from './lock-table-base';
export * from './lock-table-encryption';
export * from './lock-table-grants';
