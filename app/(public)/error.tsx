'use client';

export { ScreenError as default } from '@/components/ScreenError';
