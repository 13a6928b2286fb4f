export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#1c7ed6" />
      <path
        d="M9 11h8a3 3 0 0 1 0 6h-2a3 3 0 0 0 0 6h8"
        fill="none"
        stroke="#fff"
        strokeWidth="2.6"
        strokeLinecap="round"
      />
      <circle cx="9" cy="11" r="2.2" fill="#fff" />
      <circle cx="23" cy="23" r="2.2" fill="#fff" />
    </svg>
  );
}
