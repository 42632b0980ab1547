/**
 * Tailwind classes for the width of the signed-in screens' header and content. The width grows on
 * wide screens (80rem from the xl breakpoint, 90rem from 2xl), so tables such as the debts get the
 * room. Card descriptions and rendered markdown keep their own reading width inside it.
 */
export const PAGE_WIDTH = 'mx-auto w-full max-w-6xl px-4 xl:max-w-7xl 2xl:max-w-[90rem]';
